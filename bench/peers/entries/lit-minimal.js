// The smallest useful Lit element: a property, styles and a template. What Lit alone costs.
import { LitElement, css, html } from 'lit';

class HelloElement extends LitElement {
  static properties = { name: {} };
  static styles = css`
    :host {
      display: block;
    }
  `;
  constructor() {
    super();
    this.name = 'world';
  }
  render() {
    return html`<p>Hello, ${this.name}</p>`;
  }
}
customElements.define('hello-element', HelloElement);
