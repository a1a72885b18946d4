/* The offline capture queue, shared by the page (offline.js) and its service worker (sw.js): captures
   wait in IndexedDB, each with the UUID made at capture time as its idempotency key, until sync() has
   sent them. A retry can never store a submission twice: the server answers 200 for a key it knows. */
(function (root) {
  "use strict";
  var DB = "civicspace-offline", STORE = "queue";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "key" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function tx(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode), result;
        Promise.resolve(work(t.objectStore(STORE))).then(function (r) { result = r; });
        t.oncomplete = function () { db.close(); resolve(result); };
        t.onerror = t.onabort = function () { db.close(); reject(t.error); };
      });
    });
  }

  function all() {
    return tx("readonly", function (store) {
      return new Promise(function (resolve) {
        var request = store.getAll();
        request.onsuccess = function () { resolve(request.result || []); };
      });
    });
  }

  function put(item) { return tx("readwrite", function (store) { store.put(item); }); }
  function remove(key) { return tx("readwrite", function (store) { store.delete(key); }); }

  function uuid() {
    if (root.crypto && root.crypto.randomUUID) return root.crypto.randomUUID();
    var b = root.crypto.getRandomValues(new Uint8Array(16)), h = [];
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    for (var i = 0; i < 16; i++) h.push((b[i] + 0x100).toString(16).slice(1));
    return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" + h.slice(6, 8).join("") + "-" +
      h.slice(8, 10).join("") + "-" + h.slice(10).join("");
  }

  function describe(body) {
    var e = (body && body.error) || {}, parts = [];
    Object.keys(e.fields || {}).forEach(function (name) {
      [].concat(e.fields[name]).forEach(function (m) { parts.push((name === "__all__" || name === "non_field_errors" ? "" : name + ": ") + m); });
    });
    return parts.length ? parts.join(" ") : (e.detail || "");
  }

  function sendOne(item, token) {
    return fetch(item.syncUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ idempotency_key: item.key, captured_at: item.capturedAt, fields: item.fields })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    });
  }

  /* Send the waiting captures (and, with retryErrors, those refused before). Resolves to a summary:
     {sent: [receipts], refused: n, login: bool, forbidden: bool, offline: bool}. */
  function syncNow(retryErrors) {
    var summary = { sent: [], refused: 0, login: false, forbidden: false, offline: false };
    return all().then(function (items) {
      var urls = {};
      items.forEach(function (i) { if (retryErrors || !i.error) (urls[i.syncUrl] = urls[i.syncUrl] || []).push(i); });
      return Object.keys(urls).reduce(function (chain, url) {
        return chain.then(function () { return syncUrl(url, urls[url], summary); });
      }, Promise.resolve());
    }).then(function () { return summary; });
  }

  function session(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } });
  }

  function syncUrl(url, items, summary) {
    return session(url).then(function (response) {
      if (response.status === 401) { summary.login = true; return; }
      if (response.status === 403) { summary.forbidden = true; return; }
      if (!response.ok) { summary.offline = true; return; }
      return response.json().then(function (s) {
        return items.reduce(function (chain, item) {
          return chain.then(function (stop) {
            if (stop) return stop;
            return sendOne(item, s.csrf_token).then(function (r) {
              if (r.status === 200 || r.status === 201) {
                summary.sent.push(r.body.receipt);
                return remove(item.key);
              }
              if (r.status === 401) { summary.login = true; return true; }
              if (r.status === 403) { summary.forbidden = true; return true; }
              if (r.status === 400 || r.status === 409 || r.status === 404) {
                summary.refused += 1;
                item.error = describe(r.body) || String(r.status);
                return put(item);
              }
              summary.offline = true;
              return true;
            });
          });
        }, Promise.resolve(false));
      });
    }).catch(function () { summary.offline = true; });
  }

  /* One sync at a time across the page and the service worker (Web Locks where available). */
  function sync(retryErrors) {
    var locks = root.navigator && root.navigator.locks;
    if (locks && locks.request) {
      return locks.request("civicspace-offline-sync", function () { return syncNow(retryErrors); });
    }
    return syncNow(retryErrors);
  }

  root.CivicOffline = { all: all, put: put, remove: remove, uuid: uuid, sync: sync, TAG: "civicspace-offline-sync" };
})(self);
