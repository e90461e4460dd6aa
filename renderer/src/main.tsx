/** The renderer's entry: mounts the app with the API of the shell it runs in. */
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { getApi } from './app/api';
import { watchDeepLinks } from './deep-link/link-store';
import './app/styles.css';

const api = getApi();
// Before anything renders: a deep link the shell sends as soon as the page is there is never missed.
watchDeepLinks(api);
const root = document.getElementById('root');
if (root) createRoot(root).render(<App api={api} />);
