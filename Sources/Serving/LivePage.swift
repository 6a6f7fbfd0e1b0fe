import Foundation

/// Turns a rendered report into a served, live one: the content-security policy also allows requests to
/// the server itself (`connect-src 'self'`; the static report keeps `default-src 'none'`), the page carries
/// the version of the recording it shows, and a script asks the server for the run's state (a long poll:
/// the server answers when the run records something, or after ``RunServer/longPollSeconds``; the first request asks without waiting). When the run
/// has moved on, the script fetches the new report and swaps its sections in place — tables, warnings,
/// charts, animation, frame links — and hands the player the longer list of frames, so the page never
/// reloads and the player keeps its frame (or follows the newest one when it was showing the last).
///
/// While the run trains, the player shows each epoch on its own (`live/epoch_NNNN.png`: projected and
/// framed on that epoch alone, so a frame never changes once drawn and a new epoch costs one frame);
/// once the run has ended it shows the report's own frames, one view over every epoch.
enum LivePage {
    /// The ids of the report's sections that a newer report replaces (see `templates/report.mustache`).
    static let sections = ["alerts", "summary", "results", "charts", "animation", "configuration", "frame-links", "footer"]

    static var script: String {
        """
        <script>
        (function () {
          "use strict";
          var version = document.body.getAttribute("data-live-version");
          var key = "dcn-loads:" + location.pathname;
          var loads = Number(sessionStorage.getItem(key) || 0) + 1;
          sessionStorage.setItem(key, String(loads));
          document.body.setAttribute("data-page-loads", String(loads));
          var updates = 0;
          var badge = document.createElement("div");
          badge.id = "live-state";
          badge.style.cssText = "position:fixed;top:8px;right:12px;background:#0072B2;color:#fff;padding:3px 10px;border-radius:12px;font:13px sans-serif";
          badge.textContent = "live";
          document.body.appendChild(badge);
          function busted(url, tag) {
            if (!url || /^(data:|https?:|#)/.test(url)) { return url; }
            return url.split("?")[0] + "?v=" + encodeURIComponent(tag);
          }
          var live = false;
          var note = document.createElement("p");
          note.className = "lead";
          note.id = "live-note";
          var player = document.getElementById("player");
          if (player) { player.parentNode.insertBefore(note, player.nextSibling); }
          function frameList(doc, tag) {
            var data = doc.getElementById("frames-data");
            if (!data) { return null; }
            return JSON.parse(data.textContent).map(function (f) {
              f.src = live ? f.src.split("?")[0].replace(/^frames\\//, "live/") : busted(f.src, tag);
              if (f.centres) { f.centres = busted(f.centres, tag); }
              return f;
            });
          }
          function setLive(running) {
            if (running === live) { return; }
            live = running;
            note.textContent = live
              ? "Live view while the run trains: each epoch drawn on its own (PCA of that epoch's codes when they are wider than 2-D, its own axis limits). When the run ends, the frames become the report's: one view over every epoch."
              : "";
            var list = frameList(document, version || "0");
            if (list && window.dcnPlayer) { window.dcnPlayer.update(list); }
          }
          function apply(html) {
            var next = new DOMParser().parseFromString(html, "text/html");
            var tag = next.body.getAttribute("data-live-version") || String(Date.now());
            [\(sections.map { "\"\($0)\"" }.joined(separator: ", "))].forEach(function (id) {
              var now = document.getElementById(id), fresh = next.getElementById(id);
              if (!now || !fresh) { return; }
              Array.prototype.forEach.call(fresh.querySelectorAll("img"), function (img) { img.setAttribute("src", busted(img.getAttribute("src"), tag)); });
              now.innerHTML = fresh.innerHTML;
            });
            var list = frameList(next, tag);
            if (list && window.dcnPlayer) { window.dcnPlayer.update(list); }
            version = tag;
            updates += 1;
            document.body.setAttribute("data-live-updates", String(updates));
            document.body.setAttribute("data-live-frames", list ? String(list.length) : "");
          }
          var first = true;
          function poll() {
            var ask = first ? "state" : "state?after=" + encodeURIComponent(version || "");
            first = false;
            fetch(ask, { cache: "no-store" })
              .then(function (response) { return response.json(); })
              .then(function (state) {
                badge.textContent = "live · " + state.status + (state.epoch !== "" ? " · epoch " + state.epoch : "");
                badge.style.background = state.status === "running" ? "#0072B2" : (state.status === "complete" ? "#009E73" : "#b3261e");
                setLive(state.status === "running");
                if (state.version === version) { return; }
                return fetch("index.html?v=" + encodeURIComponent(state.version), { cache: "no-store" })
                  .then(function (response) { return response.text(); })
                  .then(apply);
              })
              .then(function () { setTimeout(poll, 200); }, function () { setTimeout(poll, 2000); });
          }
          poll();
        })();
        </script>
        """
    }

    /// Rewrites a served page's content-security policy to allow requests to the server (`connect-src 'self'`).
    static func allowServerRequests(in page: URL) throws {
        let html = try String(contentsOf: page, encoding: .utf8)
        try html.replacingOccurrences(of: "default-src 'none';", with: "default-src 'none'; connect-src 'self';")
            .write(to: page, atomically: true, encoding: .utf8)
    }

    /// Rewrites `index` in place, marking it with `version` (the recording's state it shows).
    static func patch(_ index: URL, version: String) throws {
        try allowServerRequests(in: index)
        var html = try String(contentsOf: index, encoding: .utf8)
        html = html.replacingOccurrences(of: "<body>", with: "<body data-live-version=\"\(RunServer.escape(version))\">")
        if let end = html.range(of: "</body>", options: .backwards) {
            html.replaceSubrange(end, with: script + "\n</body>")
        }
        try html.write(to: index, atomically: true, encoding: .utf8)
    }
}
