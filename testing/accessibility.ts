// Basic accessibility checks run inside a page: every form control and button has an
// accessible name, the page has a language and one h1, images have text, and text has at
// least 4.5:1 contrast against the background it is drawn on (WCAG AA for normal text).
import type { Page } from 'playwright-core';

export interface A11yProblem {
  kind: 'name' | 'contrast' | 'structure';
  element: string;
  detail: string;
}

export function accessibilityProblems(page: Page): Promise<A11yProblem[]> {
  return page.evaluate(() => {
    const problems: { kind: 'name' | 'contrast' | 'structure'; element: string; detail: string }[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
    };

    if (!document.documentElement.lang) problems.push({ kind: 'structure', element: 'html', detail: 'no lang attribute' });
    if (document.querySelectorAll('h1').length !== 1) problems.push({ kind: 'structure', element: 'h1', detail: `${document.querySelectorAll('h1').length} h1 elements` });

    const nameOf = (el: HTMLElement): string => {
      const labelledBy = el.getAttribute('aria-labelledby');
      if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
      const aria = el.getAttribute('aria-label');
      if (aria) return aria.trim();
      const labels = (el as HTMLInputElement).labels;
      if (labels && labels.length > 0) return [...labels].map((l) => l.textContent ?? '').join(' ').trim();
      if (el.tagName === 'BUTTON' || el.tagName === 'A') return (el.textContent ?? '').trim() || (el.getAttribute('title') ?? '');
      return el.getAttribute('title') ?? '';
    };
    for (const el of document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button, a[href]')) {
      if (!visible(el) || el.closest('[aria-hidden="true"]') || el.closest('.xterm')) continue;
      if (!nameOf(el)) problems.push({ kind: 'name', element: describe(el), detail: 'no accessible name' });
    }
    for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push({ kind: 'name', element: describe(img), detail: 'image without alt' });

    const rgba = (value: string) => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return { r: parts[0] ?? 0, g: parts[1] ?? 0, b: parts[2] ?? 0, a: parts[3] ?? 1 };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const channel = (c: number) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (el: Element | null): { r: number; g: number; b: number } => {
      for (let node = el; node; node = node.parentElement) {
        const color = rgba(getComputedStyle(node).backgroundColor);
        if (color.a > 0.5) return color;
      }
      return { r: 255, g: 255, b: 255 };
    };
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (!visible(el) || el.closest('.xterm, canvas, [aria-hidden="true"], .visually-hidden')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!ownText) continue;
      const style = getComputedStyle(el);
      if (Number(style.opacity) < 1 || el.closest('[disabled], :disabled')) continue; // disabled controls are exempt (WCAG 1.4.3)
      const fg = rgba(style.color);
      const bg = background(el);
      const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (light + 0.05) / (dark + 0.05);
      if (ratio < 4.5) problems.push({ kind: 'contrast', element: describe(el), detail: `contrast ${ratio.toFixed(2)}:1 (${style.color} on rgb(${bg.r}, ${bg.g}, ${bg.b}))` });
    }
    return problems;
  });
}
