/** The preload (sandboxed, bundled to one file): exposes `window.jitConnect` and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { API_KEY, buildApi } from './bridge';

contextBridge.exposeInMainWorld(API_KEY, buildApi(ipcRenderer));
