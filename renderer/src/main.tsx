/** The renderer's entry: mounts the app with the API of the shell it runs in. */
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { getApi } from './app/api';
import './app/styles.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App api={getApi()} />);
