import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { connectFeatures } from './app/integrations/connect';
import { describeError, notifyError } from './app/notifications';
import { db } from './db';
import { requestPersistentStorage } from './db/storage';
import './styles.css';

window.addEventListener('unhandledrejection', (event) => {
  notifyError(event.reason);
});

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element.');
  try {
    await db.open();
  } catch (error) {
    container.textContent = '';
    const message = document.createElement('p');
    message.className = 'fatal';
    message.setAttribute('role', 'alert');
    message.textContent = `Demo Ledger cannot open its local database. ${describeError(error)}`;
    container.append(message);
    return;
  }
  void requestPersistentStorage().catch(() => false);
  connectFeatures();
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary scope="the app">
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}

void start();
