/**
 * UI.md's figures measured in the browser: computed font sizes and line heights, target sizes from
 * bounding boxes, contrast from computed colours (WCAG relative luminance), visible focus.
 * The functions passed to page.evaluate run in the page, so they use the DOM through `any`.
 */
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';

export interface TextSample {
  text: string;
  fontPx: number;
  lineHeightRatio: number;
  contrast: number;
  large: boolean;
}

/** Every visible element under `root` with its own text: size, line height and contrast. */
export async function textSamples(page: Page, root = 'main'): Promise<TextSample[]> {
  return page.evaluate((rootSel: string) => {
    const g = globalThis as any;
    const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, gr, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(gr) + 0.0722 * f(b);
    };
    const background = (el: any): number[] => {
      for (let n = el; n; n = n.parentElement) {
        const c = parse(g.getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: any[] = [];
    for (const el of g.document.querySelectorAll(`${rootSel} *`)) {
      const own = [...el.childNodes]
        .filter((n: any) => n.nodeType === 3)
        .map((n: any) => n.textContent.trim())
        .join('');
      if (!own) continue;
      const rect = el.getBoundingClientRect();
      const cs = g.getComputedStyle(el);
      if (
        rect.width === 0 ||
        rect.height === 0 ||
        cs.visibility === 'hidden' ||
        el.closest('[hidden], .visually-hidden, .skip, option, details:not([open]) > :not(summary)')
      )
        continue;
      const fontPx = parseFloat(cs.fontSize);
      const lh = cs.lineHeight === 'normal' ? 1.2 : parseFloat(cs.lineHeight) / fontPx;
      const fg = lum(parse(cs.color).slice(0, 3));
      const bg = lum(background(el));
      const contrast = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const bold = Number(cs.fontWeight) >= 700;
      out.push({ text: own.slice(0, 40), fontPx, lineHeightRatio: lh, contrast, large: fontPx >= 24 || (bold && fontPx >= 18.66) });
    }
    return out;
  }, root);
}

export interface Target {
  what: string;
  width: number;
  height: number;
}

/** Controls a finger or pointer aims at: buttons, fields and choice labels (a radio's target is its label). */
export async function targets(page: Page, root = 'main'): Promise<Target[]> {
  return page.evaluate((rootSel: string) => {
    const g = globalThis as any;
    const sel = 'button, select, textarea, input:not([type=radio]):not([type=checkbox]), label.choice, a.btn';
    return [...g.document.querySelectorAll(`${rootSel} :is(${sel}), header :is(${sel})`)]
      .filter((el: any) => !el.closest('[hidden]') && el.getBoundingClientRect().width > 0)
      .map((el: any) => {
        const r = el.getBoundingClientRect();
        return {
          what: `${el.tagName.toLowerCase()}#${el.id || ''} ${(el.textContent || '').trim().slice(0, 20)}`,
          width: r.width,
          height: r.height,
        };
      });
  }, root);
}

/**
 * The staff pages' figures: every text in the body at contrast 4.5:1 (3:1 when large) and every control in
 * main and the header at least 44 by 44 px. Each failing text or control is named in the failure.
 */
export async function expectStaffContrastAndTargets(page: Page): Promise<void> {
  for (const s of await textSamples(page, 'body'))
    expect({ text: s.text, ok: s.contrast >= (s.large ? 3 : 4.5) }).toEqual({ text: s.text, ok: true });
  for (const tg of await targets(page))
    expect({ what: tg.what, ok: tg.width >= 44 && tg.height >= 44 }).toEqual({ what: tg.what, ok: true });
}

export interface FocusState {
  tag: string;
  id: string;
  type: string;
  name: string;
  value: string;
  text: string;
  visible: boolean;
}

/** The focused element and whether its focus is drawn (an outline or a ring). */
export async function focused(page: Page): Promise<FocusState> {
  return page.evaluate(() => {
    const g = globalThis as any;
    const el = g.document.activeElement;
    const cs = g.getComputedStyle(el);
    const label = el.closest('label');
    const ring = (s: any) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || '',
      type: el.type || '',
      name: el.name || '',
      value: el.value || '',
      text: ((label || el).textContent || '').trim().slice(0, 60),
      visible: ring(cs) || (label ? ring(g.getComputedStyle(label)) : false),
    };
  });
}

/** Presses Tab until the focused element matches, checking that each stop shows its focus. */
export async function tabTo(page: Page, matches: (f: FocusState) => boolean, limit = 80): Promise<FocusState> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag !== 'body' && !f.visible) throw new Error(`focus is not visible on ${f.tag}#${f.id} "${f.text}"`);
    if (matches(f)) return f;
  }
  throw new Error('Tab never reached the wanted control');
}

/** In a radio group, moves with the arrow keys until the wanted value is checked. */
export async function arrowTo(page: Page, matches: (f: FocusState) => boolean, limit = 30): Promise<FocusState> {
  for (let i = 0; i < limit; i++) {
    const f = await focused(page);
    if (matches(f)) {
      await page.keyboard.press('Space');
      return f;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error('arrow keys never reached the wanted choice');
}

/** Whether the focused element lies wholly inside the viewport (nothing to scroll to find it). */
export async function inViewport(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const g = globalThis as any;
    const el = g.document.activeElement;
    const target = el && el.type === 'radio' ? el.closest('label') || el : el;
    const r = target.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= g.innerHeight && r.height > 0;
  });
}
