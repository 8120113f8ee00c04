import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { coordinatorConfig } from './config.js';
import './app.css';

const config = coordinatorConfig();
const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    {'error' in config ? (
      <p className="problem setup" role="alert">
        {config.error}
      </p>
    ) : (
      <App config={config} />
    )}
  </StrictMode>,
);
