/// The preview's own files, served from `/_preview/` and never written into the kit.
enum PreviewAssets {
  /// Listens to `/_preview/events` (Server-Sent Events, any browser, no extension) and
  /// reloads the page when the server's build is not the one the page shows. Only a visible
  /// page listens: a browser opens at most six connections to one server, so pages in
  /// background tabs let go of theirs and ask again when shown. Defines no globals, and
  /// clicks on the banner stay in it (the slides go forward on a click).
  static let script = #"""
    (function () {
      "use strict";
      var me = document.currentScript;
      var shown = me ? me.getAttribute("data-build") : null;
      var source = null;
      function listen() {
        if (source || !window.EventSource || document.visibilityState === "hidden") { return; }
        source = new EventSource("/_preview/events");
        source.onmessage = function (event) {
          if (shown !== null && event.data !== shown) {
            shown = null;
            source.close();
            location.reload();
          }
        };
      }
      function stop() {
        if (source) { source.close(); source = null; }
      }
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") { stop(); } else { listen(); }
      });
      window.addEventListener("pagehide", stop);
      window.addEventListener("pageshow", listen);
      var banner = document.getElementById("workshopkit-preview");
      if (banner) {
        banner.addEventListener("click", function (event) { event.stopPropagation(); });
        banner.addEventListener("keydown", function (event) { event.stopPropagation(); });
      }
      listen();
    })();

    """#

  /// The banner: on top of everything, also of the slides' black deck, and not printed.
  /// Served inside the page's `<style>`, so it holds no `<` or `&`.
  static let stylesheet = """
    #workshopkit-preview {
      position: sticky; top: 0; left: 0; right: 0; z-index: 2147483647; box-sizing: border-box;
      max-height: 40vh; overflow: auto; margin: 0; padding: .6em 1em;
      font: 14px/1.4 "DejaVu Sans", Verdana, Arial, sans-serif; color: #111; text-align: left;
      background: #fff4c2; border-bottom: 3px solid #a06b00; box-shadow: 0 2px 6px rgba(0, 0, 0, .3);
    }
    #workshopkit-preview.errors { background: #ffe3e3; border-bottom-color: #b00020; }
    #workshopkit-preview p { margin: 0 0 .3em; }
    #workshopkit-preview ul { margin: 0; padding-left: 1.2em; }
    #workshopkit-preview li { margin: .15em 0; }
    #workshopkit-preview code { font: 13px/1.4 "DejaVu Sans Mono", monospace; }
    #workshopkit-preview .error .severity { color: #b00020; font-weight: bold; }
    #workshopkit-preview .warning .severity { color: #7a5200; font-weight: bold; }
    html.deck #workshopkit-preview { position: fixed; }
    @media print { #workshopkit-preview { display: none; } }

    """
}
