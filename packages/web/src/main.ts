import { standardSocketFactory, systemClock } from 'aurora-client';
import { parseJoinLink, socketUrl } from './core/url-params.js';
import {
  guestPrefs,
  hasGuestPrefs,
  rememberedName,
  rememberName,
  storedSession,
  storeSession,
} from './ui/local-memory.js';
import { createWebApp } from './web-app.js';

// The page's entry: the browser's parts handed to the app root (web-app.ts), which keeps no state
// in module scope. The parts used now and then are bundles of their own (see build.mjs).
const root = document.getElementById('app');
if (root)
  createWebApp({
    root,
    url: socketUrl(location),
    socketFactory: standardSocketFactory(WebSocket),
    clock: systemClock,
    memory: { rememberedName, rememberName, storedSession, storeSession, hasGuestPrefs, guestPrefs },
    link: parseJoinLink(location.search),
    address: {
      origin: location.origin,
      pathname: location.pathname,
      show: (query) => history.replaceState(null, '', query),
    },
    load: {
      commands: () => import('./commands/index.js'),
      search: () => import('./search/index.js'),
      attention: () => import('./attention/index.js'),
      digest: () => import('./digest/index.js'),
      joinErrors: () => import('./join-errors/index.js'),
      help: () => import('./help/index.js'),
      account: () => import('./account/index.js'),
    },
  });
