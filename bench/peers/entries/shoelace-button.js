// Shoelace's documented cherry-picked import of one component: <sl-button> and what it imports.
import '@shoelace-style/shoelace/dist/components/button/button.js';
