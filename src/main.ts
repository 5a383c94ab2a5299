import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { warmWorkers } from './bridge/workers.ts';
import { warmUpPainting } from './charts/d3/paint-points.ts';

mount(App, { target: document.getElementById('app')! });
warmWorkers();
// The scatter's painting is compiled before the first file, off the page's start-up path.
setTimeout(warmUpPainting, 200);
