// Sets CSS custom properties on an element through the CSSOM. Lit's styleMap writes a style attribute string on
// first render, which the strict CSP (style-src 'self', no 'unsafe-inline') blocks; CSSOM writes are allowed.
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssVars extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssVars goes on an element: <div ${cssVars({...})}>');
  }

  render(_vars: Record<string, string>) {
    return noChange;
  }

  override update(part: ElementPart, [vars]: [Record<string, string>]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in vars)) style.removeProperty(name);
    for (const [name, value] of Object.entries(vars)) {
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    }
    this.previous = new Set(Object.keys(vars));
    return noChange;
  }
}

export const cssVars = directive(CssVars);
