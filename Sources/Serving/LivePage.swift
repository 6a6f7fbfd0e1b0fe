import Foundation

/// Turns a rendered report into a served, live one: the content-security policy also allows requests to
/// the server itself (`connect-src 'self'`; the static report keeps `default-src 'none'`), and a script
/// asks the server every two seconds for the run's state, loading the page again when the run has
/// recorded another epoch, keeping the frame the reader was on.
enum LivePage {
    static let script = """
        <script>
        (function () {
          var state = null;
          var slider = document.querySelector('input[type=range]');
          var saved = sessionStorage.getItem('dcn-frame:' + location.pathname);
          if (slider && saved !== null && saved !== 'last') { slider.value = saved; slider.dispatchEvent(new Event('input')); }
          function poll() {
            fetch('state', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (s) {
              var now = s.epoch + '|' + s.status;
              if (state !== null && now !== state) {
                var atEnd = !slider || Number(slider.value) === Number(slider.max);
                sessionStorage.setItem('dcn-frame:' + location.pathname, atEnd ? 'last' : slider.value);
                location.reload();
                return;
              }
              state = now;
              var badge = document.getElementById('live-state');
              if (badge) { badge.textContent = 'live · ' + s.status + ' · epoch ' + s.epoch; }
            }).catch(function () {}).then(function () { setTimeout(poll, 2000); });
          }
          var badge = document.createElement('div');
          badge.id = 'live-state';
          badge.style.cssText = 'position:fixed;top:8px;right:12px;background:#0072B2;color:#fff;padding:3px 10px;border-radius:12px;font:13px sans-serif';
          badge.textContent = 'live';
          document.body.appendChild(badge);
          poll();
        })();
        </script>
        """

    /// Rewrites `index` in place.
    static func patch(_ index: URL) throws {
        var html = try String(contentsOf: index, encoding: .utf8)
        html = html.replacingOccurrences(of: "default-src 'none';", with: "default-src 'none'; connect-src 'self';")
        if let end = html.range(of: "</body>", options: .backwards) {
            html.replaceSubrange(end, with: script + "\n</body>")
        }
        try html.write(to: index, atomically: true, encoding: .utf8)
    }
}
