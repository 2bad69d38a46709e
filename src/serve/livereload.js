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

  function showErrors(errors) {
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
      .box { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; padding: 2rem;
        background: rgba(20, 20, 24, 0.92); color: #f3f3f3;
        font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
      h2 { margin: 0 0 0.5rem; font: 600 18px/1.3 system-ui, sans-serif; color: #ff8a80; }
      p { margin: 0 0 1rem; font: 14px/1.4 system-ui, sans-serif; color: #ccc; }
      ol { margin: 0; padding-left: 1.5rem; }
      li { margin: 0.4rem 0; white-space: pre-wrap; word-break: break-word; }
      .where { color: #82b1ff; }
      button { position: absolute; top: 1rem; right: 1rem; font: inherit; cursor: pointer; }`;
    const box = document.createElement("div");
    box.className = "box";
    box.setAttribute("role", "alertdialog");
    const title = document.createElement("h2");
    title.textContent =
      errors.length === 1 ? "blocpress: 1 error" : `blocpress: ${errors.length} errors`;
    const note = document.createElement("p");
    note.textContent =
      "The page shows the last version that built. Fix the file and save: this closes by itself.";
    const list = document.createElement("ol");
    for (const error of errors) {
      const item = document.createElement("li");
      const where = document.createElement("span");
      where.className = "where";
      let place = error.file;
      if (error.line) place += ":" + error.line + (error.column ? ":" + error.column : "");
      where.textContent = place;
      item.append(where, document.createTextNode(": " + error.message));
      list.append(item);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.title = "Hide until the next change";
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
        showErrors(status.errors);
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
