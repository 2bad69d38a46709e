// blocpress serve: reloads this page when the site is rebuilt and shows build errors on top of it.
// Added to every HTML page by `blocpress serve` only; never part of a built site.
(() => {
  "use strict";
  const script = document.currentScript;
  const pageVersion = script ? script.dataset.version : "";
  const endpoint =
    (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__blocpress/livereload";
  let host = null;
  let retry = 200;

  // Every word comes from the server (`status.ui`, each error's `message` and `explain`), in
  // the site's language; this only lays them out: opaque, readable on a phone.
  function showErrors(status) {
    const errors = status.errors;
    const ui = status.ui || {};
    if (!host) {
      host = document.createElement("blocpress-overlay");
      host.id = "blocpress-overlay";
      host.attachShadow({ mode: "open" });
      document.documentElement.appendChild(host);
    }
    const root = host.shadowRoot;
    root.replaceChildren();
    const style = document.createElement("style");
    style.textContent = `
      :host { all: initial; }
      .box { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; box-sizing: border-box;
        padding: 1.5rem 1.25rem 2rem; background: #16161a; color: #f5f5f5;
        font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
      h2 { margin: 0 2.5rem 0.5rem 0; font-size: 1.2rem; line-height: 1.3; color: #ffab91; }
      p { margin: 0 0 1rem; color: #d6d6d6; }
      ol { margin: 0; padding-left: 1.4rem; }
      li { margin: 0 0 1rem; overflow-wrap: anywhere; }
      a.where { color: #90caf9; font-family: ui-monospace, Consolas, monospace; font-size: 0.95em; }
      .code { color: #ffcc80; font-family: ui-monospace, Consolas, monospace; font-size: 0.95em; }
      .message { display: block; margin-top: 0.15rem; }
      details { margin-top: 0.35rem; background: #22222a; border-radius: 6px; padding: 0.4rem 0.7rem; }
      summary { cursor: pointer; color: #a5d6a7; }
      details p { margin: 0.4rem 0; }
      pre { margin: 0.2rem 0 0.5rem; padding: 0.4rem 0.6rem; background: #0d0d10; border-radius: 4px;
        white-space: pre-wrap; overflow-wrap: anywhere; font: 0.9em/1.45 ui-monospace, Consolas, monospace; }
      .label { font-weight: 600; color: #eee; }
      button { position: absolute; top: 0.9rem; right: 0.9rem; width: 2.2rem; height: 2.2rem;
        font: 1.3rem/1 system-ui, sans-serif; cursor: pointer; border-radius: 50%; border: 1px solid #777;
        background: #2a2a32; color: #fff; }
      @media (max-width: 480px) { .box { padding: 1rem 0.9rem 1.5rem; font-size: 15px; } }`;
    const box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("lang", status.language || "vi");
    const title = document.createElement("h2");
    title.textContent = ui.title || `blocpress: ${errors.length}`;
    const note = document.createElement("p");
    note.textContent = ui.note || "";
    const list = document.createElement("ol");
    for (const error of errors) {
      const item = document.createElement("li");
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = `${ui.error || "error"}[${error.code}] `;
      const where = document.createElement("a");
      where.className = "where";
      let place = error.file;
      if (error.line) place += ":" + error.line + (error.column ? ":" + error.column : "");
      where.textContent = place;
      where.title = ui.open || "";
      if (error.source) {
        where.href = error.source;
        where.target = "_blank";
        where.rel = "noopener";
      }
      const message = document.createElement("span");
      message.className = "message";
      message.textContent = error.message;
      item.append(code, where, message);
      if (error.explain) {
        const details = document.createElement("details");
        const summary = document.createElement("summary");
        summary.textContent = ui.explain || "?";
        const meaning = document.createElement("p");
        meaning.textContent = error.explain.meaning;
        details.append(summary, meaning);
        for (const [label, text, pre] of [
          [ui.wrong, error.explain.wrong, true],
          [ui.right, error.explain.right, true],
          [ui.fix, error.explain.fix, false],
        ]) {
          const head = document.createElement("div");
          head.className = "label";
          head.textContent = label || "";
          const body = document.createElement(pre ? "pre" : "p");
          body.textContent = text;
          details.append(head, body);
        }
        item.append(details);
      }
      list.append(item);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.title = ui.close || "";
    close.setAttribute("aria-label", ui.close || "×");
    close.addEventListener("click", hideErrors);
    box.append(close, title, note, list);
    root.append(style, box);
  }

  function hideErrors() {
    if (host) {
      host.remove();
      host = null;
    }
  }

  function connect() {
    let socket;
    try {
      socket = new WebSocket(endpoint);
    } catch (_) {
      return;
    }
    socket.onopen = () => {
      retry = 200;
      // For tests and curious editors: whether this page listens for rebuilds.
      window.__blocpressLiveReload = { connected: true, version: pageVersion };
    };
    socket.onmessage = (event) => {
      let status;
      try {
        status = JSON.parse(event.data);
      } catch (_) {
        return;
      }
      if (status.version !== pageVersion) {
        // A newer build: load it (the new page shows any errors itself).
        location.reload();
      } else if (status.errors && status.errors.length) {
        showErrors(status);
      } else {
        hideErrors();
      }
    };
    socket.onclose = () => {
      window.__blocpressLiveReload = { connected: false, version: pageVersion };
      // The server restarted or stopped: try again, more slowly each time.
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  connect();
})();
