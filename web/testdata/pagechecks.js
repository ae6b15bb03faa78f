// The checks of pages_browser_test.go that axe-core does not make.
(() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    // Name the widest elements, so that the culprit is plain.
    const wide = [...document.querySelectorAll("main *")]
      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().width) + "px");
    problems.push("scrolls sideways: " + doc.scrollWidth + " px wide in " + window.innerWidth + " px: " + wide.join(", "));
  }
  // A region that scrolls sideways inside the page hides part of it too
  // (the calendar's Friday to Sunday on a phone).
  for (const e of document.querySelectorAll("main *")) {
    const o = getComputedStyle(e).overflowX;
    if ((o === "auto" || o === "scroll") && e.scrollWidth > e.clientWidth + 1 && e.tagName !== "PRE") {
      problems.push("pans sideways inside: " + e.tagName.toLowerCase() + "." + String(e.className).split(" ").join(".") + " shows " + e.clientWidth + " of " + e.scrollWidth + " px");
    }
  }
  const rgb = s => {
    const m = s.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = c => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const seen = new Set();
  for (const t of document.querySelectorAll("svg text")) {
    if (!t.textContent.trim() || t.closest("[visibility=hidden]") || t.getBoundingClientRect().width === 0) continue;
    const cs = getComputedStyle(t);
    const bg = background(t.closest("svg").parentElement);
    let fg = rgb(cs.fill);
    if (!fg) continue;
    const a = fg.a * Number(cs.fillOpacity || 1);
    fg = {r: fg.r * a + bg.r * (1 - a), g: fg.g * a + bg.g * (1 - a), b: fg.b * a + bg.b * (1 - a)};
    const l1 = lum(fg), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const ctm = t.getScreenCTM();
    const px = parseFloat(cs.fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    const what = (t.getAttribute("class") || "text");
    if (ratio < 4.5 && !seen.has("c" + what)) {
      seen.add("c" + what);
      problems.push("chart text " + what + ": contrast " + ratio.toFixed(2) + ":1 on " + cs.fill + " over " + JSON.stringify(bg));
    }
    if (px < 11 && !seen.has("s" + what)) {
      seen.add("s" + what);
      problems.push("chart text " + what + " (\"" + t.textContent.trim().slice(0, 20) + "\"): " + px.toFixed(1) + " px as drawn");
    }
  }
  return problems;
})()
