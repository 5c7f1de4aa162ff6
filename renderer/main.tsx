/** Entry point: pick the platform, start the vault worker, mount the app. */
import './app/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppRouter } from './app/routes';
import { createPlatform } from './platform';
import { createVaultClient } from './vault-worker';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// Created here, once: inside a component, StrictMode's double render would start a second router or
// a second worker. Locking terminates this worker and reloads the page, which starts a fresh one.
const platform = createPlatform(window);
const router = createAppRouter();
const vault = createVaultClient();

createRoot(container).render(
  <StrictMode>
    <App platform={platform} router={router} vault={vault} />
  </StrictMode>,
);
