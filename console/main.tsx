// The console's entry: mount the app. Built by src/console/build.ts, served at /console/.

import { render } from 'preact';
import { App } from './app.js';
import './style.css';

render(<App />, document.getElementById('app')!);
