/* The offline capture page: each capture is kept on this device (offline-queue.js) and sent when the
   device is online — at once if it can, on the "online" event, by Background Sync, or with "Send now".
   Messages come translated from the page (data-msg-* attributes). No dependencies. */
(function () {
  "use strict";
  var form = document.getElementById("offline-form");
  var Q = window.CivicOffline;
  if (!form || !Q || !window.indexedDB || !window.fetch) return;
  var data = form.dataset;
  var panel = document.getElementById("offline-queue");
  var count = document.getElementById("offline-count");
  var statusLine = document.getElementById("offline-status");
  var problems = document.getElementById("offline-problems");
  var sendButton = document.getElementById("offline-send");
  var login = document.getElementById("offline-login");
  var ready = document.getElementById("offline-ready");
  var keyField = form.querySelector("input[name=idempotency_key]");
  var registration = null;

  panel.hidden = false;
  form.setAttribute("data-js", "queue");

  function say(text) { statusLine.textContent = text; }
  function fill(template, n) { return template.replace("%(n)s", String(n)); }

  function mine(items) { return items.filter(function (i) { return i.syncUrl === data.syncUrl; }); }

  function render() {
    return Q.all().then(function (items) {
      items = mine(items);
      count.textContent = String(items.length);
      problems.textContent = "";
      items.filter(function (i) { return i.error; }).forEach(function (item) {
        var li = document.createElement("li"), text = document.createElement("span"), drop = document.createElement("button");
        text.textContent = fill(data.msgRefused, new Date(item.capturedAt).toLocaleString()) + " " + item.error;
        drop.type = "button"; drop.className = "secondary"; drop.textContent = data.msgDelete;
        drop.addEventListener("click", function () { Q.remove(item.key).then(render); });
        li.appendChild(text); li.appendChild(document.createTextNode(" ")); li.appendChild(drop);
        problems.appendChild(li);
      });
      return items.length;
    });
  }

  function report(summary) {
    login.hidden = !summary.login;
    if (summary.login) say(data.msgLogin);
    else if (summary.forbidden) say(data.msgForbidden);
    else if (summary.sent.length) say(fill(data.msgSent, summary.sent.length) + " " + summary.sent.join(", "));
    else if (summary.offline) say(data.msgOffline);
    return render();
  }

  function sync(retryErrors) {
    if (!navigator.onLine) { say(data.msgOffline); return render(); }
    return Q.sync(retryErrors).then(report);
  }

  function askBackgroundSync() {
    if (registration && registration.sync) registration.sync.register(Q.TAG).catch(function () {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (["csrfmiddlewaretoken", "idempotency_key", "captured_at"].indexOf(name) < 0 && typeof value === "string" && value !== "") fields[name] = value;
    });
    var item = { key: keyField.value || Q.uuid(), capturedAt: new Date().toISOString(), fields: fields, syncUrl: data.syncUrl, error: "" };
    Q.put(item).then(function () {
      form.reset();
      keyField.value = Q.uuid();
      return render();
    }).then(function (n) {
      say(fill(data.msgSaved, n));
      var first = form.querySelector("select, input:not([type=hidden]), textarea");
      if (first) first.focus();
      askBackgroundSync();
      if (navigator.onLine) return sync(false);
    });
  });

  sendButton.addEventListener("click", function () { sync(true); });
  window.addEventListener("online", function () { sync(false); });
  window.addEventListener("offline", function () { say(data.msgOffline); });

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(data.swUrl, { scope: data.scope }).then(function (r) {
      registration = r;
      // Keep this page and the files it uses for when the device is offline.
      var urls = [location.pathname];
      document.querySelectorAll("script[src], link[rel=stylesheet], link[rel=icon]").forEach(function (el) { urls.push(el.src || el.href); });
      return caches.open("civicspace-offline-v1").then(function (cache) {
        return Promise.all(urls.map(function (url) {
          return fetch(url, { credentials: "same-origin" }).then(function (response) {
            if (response.ok && !response.redirected) return cache.put(url, response);
          }).catch(function () {});
        })).then(function () { return cache.match(location.pathname); });
      });
    }).then(function (page) {
      // Tell the facilitator (and the browser test) once the page itself is kept: it now opens offline.
      if (page) ready.hidden = false;
    }).catch(function () {});
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "synced") report(event.data.summary);
    });
  }
  render().then(function (n) { if (n && navigator.onLine) sync(false); });
})();
