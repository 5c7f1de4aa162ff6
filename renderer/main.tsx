/** Entry point: pick the platform, mount the app. */
import './app/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppRouter } from './app/routes';
import { createPlatform } from './platform';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// Created here, once: inside a component, StrictMode's double render would start a second router.
const platform = createPlatform(window);
const router = createAppRouter();

createRoot(container).render(
  <StrictMode>
    <App platform={platform} router={router} />
  </StrictMode>,
);
