// The table of contents: the course tree from the boot data as a nested list,
// a button per launchable item (choice), a plain label for the others, and the
// Previous/Continue pair (flow in tree order). Everything is a real <button>,
// so Tab and Enter/Space work without extra key handling.

// Launchable items in tree order.
export function launchables(tree) {
  return (tree || []).filter((item) => item && item.launchable);
}

// The launchable item after (+1) or before (-1) `current` in tree order, or null.
export function neighbour(tree, current, step) {
  const items = launchables(tree);
  const at = items.findIndex((item) => item.identifier === current);
  if (at < 0) return step > 0 ? items[0] || null : null;
  return items[at + step] || null;
}

export function findItem(tree, id) {
  return (tree || []).find((item) => item.identifier === id || item.module_id === id) || null;
}

export class Contents {
  // doc: the document; onChoose(item): a launchable item's button was pressed;
  // onFlow(step): Previous (-1) or Continue (+1) was pressed.
  constructor(doc, { onChoose, onFlow }) {
    this.doc = doc;
    this.onChoose = onChoose;
    this.onFlow = onFlow;
    this.nav = doc.createElement("nav");
    this.nav.className = "trellis-toc";
    this.nav.setAttribute("aria-labelledby", "trellis-toc-heading");
    const heading = doc.createElement("h2");
    heading.id = "trellis-toc-heading";
    heading.textContent = "Course contents";
    this.list = doc.createElement("ul");
    this.list.className = "trellis-toc-list";
    this.nav.append(heading, this.list);

    this.flow = doc.createElement("div");
    this.flow.className = "trellis-flow";
    this.flow.setAttribute("role", "group");
    this.flow.setAttribute("aria-label", "Course navigation");
    this.previous = this.flowButton("Previous", "trellis-previous", -1);
    this.next = this.flowButton("Continue", "trellis-continue", +1);
    this.flow.append(this.previous, this.next);
  }

  flowButton(label, id, step) {
    const button = this.doc.createElement("button");
    button.type = "button";
    button.id = id;
    button.className = "trellis-flow-button";
    button.textContent = label;
    button.addEventListener("click", () => this.onFlow(step));
    return button;
  }

  // Draws the tree and marks `current`; buttons stay where they were focused.
  render(tree, current) {
    this.list.replaceChildren();
    for (const item of tree || []) {
      const entry = this.doc.createElement("li");
      entry.className = "trellis-toc-item";
      // Depth by the CSS object model: the page's CSP forbids style attributes in markup.
      entry.style.paddingInlineStart = `${Math.min(Number(item.depth) || 0, 8) * 1.1}em`;
      const title = item.title || item.identifier || "Untitled";
      if (item.launchable) {
        const button = this.doc.createElement("button");
        button.type = "button";
        button.className = "trellis-toc-button";
        button.dataset.identifier = item.identifier;
        button.textContent = title;
        if (item.identifier === current) {
          button.setAttribute("aria-current", "page");
          button.classList.add("trellis-current");
        }
        button.addEventListener("click", () => this.onChoose(item));
        entry.append(button);
      } else {
        const label = this.doc.createElement("span");
        label.className = "trellis-toc-label";
        label.textContent = title;
        entry.append(label);
      }
      this.list.append(entry);
    }
    const before = neighbour(tree, current, -1);
    const after = neighbour(tree, current, +1);
    this.previous.disabled = !before;
    this.next.disabled = !after;
    this.previous.setAttribute("aria-label", before ? `Previous: ${before.title || before.identifier}` : "Previous");
    this.next.setAttribute("aria-label", after ? `Continue: ${after.title || after.identifier}` : "Continue");
  }

  // Focus back on the flow button that had it (when still enabled), else the
  // current item's button, else the first enabled control.
  restoreFocus(hadFocus) {
    const flow = hadFocus === this.previous.id ? this.previous : hadFocus === this.next.id ? this.next : null;
    const target = (flow && !flow.disabled && flow)
      || this.list.querySelector("button[aria-current='page']")
      || this.nav.querySelector("button:not(:disabled)");
    if (target) target.focus();
  }

  setBusy(busy) {
    this.nav.setAttribute("aria-busy", busy ? "true" : "false");
    for (const button of this.nav.querySelectorAll("button")) button.disabled = busy;
    if (busy) {
      this.previous.disabled = true;
      this.next.disabled = true;
    }
  }
}
