import { render } from 'preact';
import { App } from './app';
import './styles/console.css';

render(<App />, document.getElementById('app')!);
