// SGDS's per-component import of its Button: <sgds-button> and what it imports.
import '@govtechsg/sgds-web-component/components/Button/index.js';
