/* The offline capture page's service worker (served by views.offline.offline_service_worker after
   offline-queue.js, from the page's folder so that its scope covers the page). It answers the page
   from the network when it can and from its cache when offline; files the page uses (scripts, styles)
   come from the cache first. Background Sync sends the queue when the device is online again. */
"use strict";
var CACHE = "civicspace-offline-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request.url.split("?")[0], copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request.url.split("?")[0]).then(function (hit) { return hit || Response.error(); });
    }));
    return;
  }
  event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
});

function tellPages(summary) {
  return self.clients.matchAll({ type: "window" }).then(function (pages) {
    pages.forEach(function (page) { page.postMessage({ type: "synced", summary: summary }); });
  });
}

self.addEventListener("sync", function (event) {
  if (event.tag !== self.CivicOffline.TAG) return;
  event.waitUntil(self.CivicOffline.sync(false).then(function (summary) {
    return tellPages(summary).then(function () {
      if (summary.offline) throw new Error("offline: the browser retries later");
    });
  }));
});
