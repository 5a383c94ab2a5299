import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { warmWorkers } from './bridge/workers.ts';
import { warmUpPositions } from './charts/d3/base-positions.ts';

mount(App, { target: document.getElementById('app')! });
warmWorkers();
// The first scatter's positions are worked out by compiled code (see warmUpPositions), a round a task.
for (let round = 0; round < 3; round++) setTimeout(() => warmUpPositions(round), 0);
