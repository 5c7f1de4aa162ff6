document.getElementById('root')!.textContent = 'Tallinn Desk';
