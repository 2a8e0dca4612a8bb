"""What axe-core and the Nu checker cannot see, measured in the browser.

Each check is one ``page.evaluate`` and returns a list of problems (empty when the page
passes), so ``audit(page)`` runs them on every page a journey visits:

- ``control_contrast_problems``: the edge of each form field, checkbox, radio and outlined
  button against what is behind it, at least 3:1 (WCAG 1.4.11, non-text contrast);
- ``focus_problems``: the focus outline of each focusable element against what is behind
  it, at least 3:1 and at least 2 px wide (WCAG 1.4.11 and 2.4.7);
- ``reflow_problems``: at 320 CSS pixels wide the page does not scroll sideways (WCAG
  1.4.10), and no date or time field is narrower than its value (checked at 320 and at
  1024 pixels, where side columns are narrowest).
"""

from urllib.parse import urlsplit

MIN_CONTRAST = 3.0
REFLOW_WIDTH = 320
NARROW_COLUMNS_WIDTH = 1024

# Shared by the scripts below: colours, contrast and what an element looks like.
_HELPERS = """
const parse = (text) => {
  const m = text.match(/rgba?\\(([^)]+)\\)/);
  if (!m) return [0, 0, 0, 0];
  const parts = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
  return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
};
const over = (top, bottom) => {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
};
const luminance = (rgb) => {
  const channel = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
};
const ratio = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
// The opaque colour behind an element: its ancestors' backgrounds over white.
const backdrop = (element) => {
  const layers = [];
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] >= 1) break;
  }
  return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
};
const shown = (element) => {
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  return box.width > 2 && box.height > 2 && style.visibility === 'visible'
    && !element.closest('[hidden], [inert], details:not([open]) > :not(summary)');
};
const describe = (element) => {
  let text = element.tagName.toLowerCase();
  if (element.id) text += '#' + element.id;
  else if (element.name) text += '[name="' + element.name + '"]';
  else if (element.className && typeof element.className === 'string')
    text += '.' + element.className.trim().split(/\\s+/).join('.');
  const words = (element.innerText || element.value || '').trim().slice(0, 40);
  return words ? text + ' "' + words + '"' : text;
};
"""

_CONTROL_CONTRAST_JS = (
    "(MIN) => {"
    + _HELPERS
    + """
  const controls = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=image])'
    + ':not([type=range]):not([type=color]), select, textarea, .btn:not(.btn-link)');
  const problems = [];
  for (const control of controls) {
    if (control.disabled || !shown(control)) continue;
    const style = getComputedStyle(control);
    const behind = backdrop(control);
    const fill = over(parse(style.backgroundColor), behind);
    if (ratio(fill, behind) >= MIN) continue;  // a filled control stands out by itself
    const width = parseFloat(style.borderTopWidth);
    const edge = over(parse(style.borderTopColor), fill);
    const contrast = width > 0 && style.borderTopStyle !== 'none' ? ratio(edge, behind) : 1;
    if (contrast < MIN) {
      problems.push('border ' + contrast.toFixed(2) + ':1 (' + style.borderTopColor + ') on '
        + describe(control));
    }
  }
  return problems;
}"""
)

_FOCUS_JS = (
    "(MIN) => {"
    + _HELPERS
    + """
  const before = document.activeElement;
  const focusable = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary,'
    + ' [tabindex]:not([tabindex="-1"])');
  const problems = [];
  for (const element of focusable) {
    if (element.disabled || !shown(element)) continue;
    element.focus({preventScroll: true});
    if (document.activeElement !== element) continue;
    const style = getComputedStyle(element);
    const width = parseFloat(style.outlineWidth);
    if (style.outlineStyle === 'none' || width < 2) {
      problems.push('no focus outline of 2px or more on ' + describe(element));
      continue;
    }
    const contrast = ratio(over(parse(style.outlineColor), backdrop(element)), backdrop(element));
    if (contrast < MIN) {
      problems.push('focus outline ' + contrast.toFixed(2) + ':1 (' + style.outlineColor
        + ') on ' + describe(element));
    }
  }
  if (before && before !== document.body) before.focus({preventScroll: true});
  else if (document.activeElement) document.activeElement.blur();
  return problems;
}"""
)

# A date or time field is clipped when a copy of it at its natural width is wider.
_CLIPPED_JS = """
  const clipped = [];
  const fields = document.querySelectorAll(
    'input[type=date], input[type=time], input[type=datetime-local], input[type=month]');
  for (const field of fields) {
    if (!shown(field)) continue;
    const copy = field.cloneNode();
    copy.removeAttribute('id');
    copy.removeAttribute('name');
    copy.style.cssText = 'position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none';
    field.parentElement.append(copy);
    const needed = copy.offsetWidth;
    copy.remove();
    if (needed > field.offsetWidth + 1) {
      clipped.push('date/time field ' + field.offsetWidth + 'px wide, needs ' + needed
        + 'px, at ' + window.innerWidth + 'px: ' + describe(field));
    }
  }
"""

_REFLOW_JS = (
    "() => {"
    + _HELPERS
    + _CLIPPED_JS
    + """
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return clipped;
  // Name the innermost elements that stick out, to say what to fix.
  const wide = [...document.body.querySelectorAll('*')].filter(
    (element) => element.getBoundingClientRect().right > root.clientWidth + 1);
  const innermost = wide.filter((element) => !wide.some(
    (other) => other !== element && element.contains(other)));
  return [
    'scrolls sideways at ' + root.clientWidth + 'px (' + root.scrollWidth + 'px wide): '
      + innermost.slice(0, 5).map(describe).join('; '),
  ].concat(clipped);
}"""
)

_CLIPPED_ONLY_JS = "() => {" + _HELPERS + _CLIPPED_JS + "return clipped; }"


def control_contrast_problems(page) -> list[str]:
    return page.evaluate(_CONTROL_CONTRAST_JS, MIN_CONTRAST)


def focus_problems(page) -> list[str]:
    # Chromium draws :focus-visible for a script's focus() only after keyboard use, as for
    # a keyboard user; Shift alone changes nothing on the page.
    page.keyboard.press("Shift")
    return page.evaluate(_FOCUS_JS, MIN_CONTRAST)


def reflow_problems(page) -> list[str]:
    size = page.viewport_size
    try:
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
        problems = page.evaluate(_REFLOW_JS)
        page.set_viewport_size({"width": NARROW_COLUMNS_WIDTH, "height": size["height"]})
        problems += page.evaluate(_CLIPPED_ONLY_JS)
    finally:
        page.set_viewport_size(size)
    return problems


# Django's own admin keeps its own styles (thin focus rings, #ccc borders, wide tables):
# not yet brought to these checks, so they are not run there.
EXEMPT_PATH = "/admin/"


def layout_problems(page) -> list[str]:
    """Every check above, on the page as it is now; the page is left as it was found."""
    if urlsplit(page.url).path.startswith(EXEMPT_PATH):
        return []
    return control_contrast_problems(page) + focus_problems(page) + reflow_problems(page)
