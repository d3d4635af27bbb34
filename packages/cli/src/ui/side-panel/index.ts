export { SidePanel } from './side-panel.js';
export { sidePanelLines } from './side-panel-lines.js';
