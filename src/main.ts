import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { warmWorkers } from './bridge/workers.ts';

mount(App, { target: document.getElementById('app')! });
warmWorkers();
