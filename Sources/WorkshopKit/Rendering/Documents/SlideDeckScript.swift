/// The projector deck's stylesheet and script, inside `slides.xhtml` so the file works from
/// disk with no network.
///
/// Without the script every slide shows, one under the other, each a 16:9 box. The script
/// shows one at a time, fitted to the window on black: →, ↓, space, PageDown, Enter and a
/// click go forward; ←, ↑, shift+space and PageUp go back; Home and End go to the first and
/// the last; F toggles full screen. The slide's number is the address's fragment (`#12`), so
/// a reload keeps the place. A slide with `data-minutes` counts them down from when it is
/// first shown (T restarts, P pauses and resumes): amber at 20 % left, red at 5 %, and past
/// the end it counts the minutes over, "+1:05"; a break's "We continue at" says when its
/// countdown ends, and a step's "· 5 min" its minutes as + and - left them. Each slide's
/// countdown goes on while other slides show and through a reload (kept in the tab's
/// session storage), so a key pressed by mistake loses nothing; shown again after it has
/// run out by more than its own length, it starts afresh. A slide only paged past (shown
/// for less than ten seconds, its countdown untouched) keeps none: a break's slide passed
/// on the way to another tells the right time when its break comes. A clock
/// shows in the top right corner, with the separator from the body's `data-clock-separator`.
/// Printed, each slide is a 16:9 page (254 × 142.875 mm), whether the script ran or not.
enum SlideDeckScript {
  /// `css` escaped for the deck once per process (`EscapedText`).
  static let escapedCSS = EscapedText(css)

  /// Sizes are in `--u`, a hundredth of the slide's width: the same slide on a laptop, a
  /// projector and paper. No `>` or `&` in it, so libxml2 writes it unescaped.
  static let css = """
    @page { size: 254mm 142.875mm; margin: 0; }
    :root { --u: .96vw; --ink: #111; --accent: #0a3a7a; color: var(--ink); background: #fff; }
    * { box-sizing: border-box; }
    body { margin: 0; padding: 2vw 0; font-family: "DejaVu Sans", Verdana, "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
    .slide { position: relative; display: flex; flex-direction: column; justify-content: safe center; width: calc(100 * var(--u)); height: calc(56.25 * var(--u)); margin: 0 auto 2vw; padding: calc(4 * var(--u)) calc(6 * var(--u)); overflow: hidden; background: #fff; color: var(--ink); outline: 1px solid #767676; font-size: calc(3 * var(--u)); }
    .slide h1, .slide h2, .slide p, .slide ol, .slide ul, .slide dl, .slide dd { margin: 0; }
    .slide h1 { font-size: calc(5.4 * var(--u)); line-height: 1.1; }
    .slide h2 { font-size: calc(4.4 * var(--u)); line-height: 1.15; }
    .slide .kicker { font-size: calc(2.5 * var(--u)); font-weight: bold; letter-spacing: .04em; text-transform: uppercase; color: var(--accent); margin-bottom: calc(1.4 * var(--u)); }
    .slide .subtitle { font-size: calc(3 * var(--u)); color: #333; margin-top: calc(1 * var(--u)); }
    .continued { font-weight: normal; color: #444; font-size: .6em; }
    .slide .presenter { font-size: calc(3.2 * var(--u)); margin-top: calc(2.4 * var(--u)); }
    .facts { font-size: calc(3 * var(--u)); color: #333; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

    .title { border-left: calc(1.6 * var(--u)) solid var(--accent); }
    .title .course { font-size: calc(2.6 * var(--u)); letter-spacing: .06em; text-transform: uppercase; margin-bottom: calc(1.6 * var(--u)); }
    .title .meeting { font-size: calc(3.2 * var(--u)); margin-top: calc(3 * var(--u)); }
    .title .venue { font-size: calc(2.6 * var(--u)); margin-top: calc(1 * var(--u)); color: #333; }
    .title h1.long { font-size: calc(4.4 * var(--u)); }
    .title h1.longer { font-size: calc(3.6 * var(--u)); }

    .agenda, .reference, .recap, .next-steps, .step, .exercise-purpose { justify-content: flex-start; }
    .agenda table { width: 100%; border-collapse: collapse; margin-top: calc(2 * var(--u)); font-size: calc(2.8 * var(--u)); }
    .agenda td { vertical-align: top; text-align: left; padding: calc(.4 * var(--u)) calc(1 * var(--u)) calc(.4 * var(--u)) 0; border-bottom: calc(.12 * var(--u)) solid #8a8a8a; }
    .agenda td.time { white-space: nowrap; width: calc(19 * var(--u)); font-weight: bold; font-variant-numeric: tabular-nums; }
    .agenda .line { display: block; }

    .exercise .purpose, .exercise-purpose .purpose { font-size: calc(3.2 * var(--u)); margin-top: calc(2.6 * var(--u)); max-width: calc(80 * var(--u)); }
    .exercise-purpose .purpose.long { font-size: calc(2.8 * var(--u)); }
    .exercise-purpose .purpose.longer { font-size: calc(2.4 * var(--u)); }
    .exercise .facts { margin-top: calc(2.6 * var(--u)); }

    .step h2 { font-size: calc(4.8 * var(--u)); line-height: 1.2; }
    .step h2.long { font-size: calc(4 * var(--u)); }
    .step h2.longer { font-size: calc(3.3 * var(--u)); }
    .step h2.longest { font-size: calc(2.8 * var(--u)); }
    .slide .asks { font-size: calc(3.4 * var(--u)); margin-top: calc(1.8 * var(--u)); padding-left: calc(5 * var(--u)); }
    .asks li { margin: calc(.8 * var(--u)) 0; }
    .footer { margin-top: auto; display: flex; align-items: flex-end; justify-content: space-between; gap: calc(3 * var(--u)); padding-top: calc(2 * var(--u)); }
    .timer { margin: 0; font-size: calc(6 * var(--u)); font-weight: bold; line-height: 1.1; font-variant-numeric: tabular-nums; min-width: calc(21 * var(--u)); text-align: center; padding: calc(.3 * var(--u)) calc(1.6 * var(--u)); border: calc(.35 * var(--u)) solid var(--ink); border-radius: calc(1 * var(--u)); background: #fff; color: var(--ink); }
    .timer.amber { background: #ffb000; color: #000; border-color: #000; }
    .timer.red { background: #b00020; color: #fff; border-color: #b00020; }
    .timer.paused { border-style: dashed; }
    .timer.paused::after { content: " \\2016"; }

    .break h2 { font-size: calc(6 * var(--u)); }
    .slide .back-at { font-size: calc(3.4 * var(--u)); margin-top: calc(2 * var(--u)); }
    .break .timer { align-self: flex-start; margin-top: calc(3 * var(--u)); }
    .begin h2, .exercise h2 { font-size: calc(5 * var(--u)); }
    .begin h2.long, .break h2.long, .exercise h2.long { font-size: calc(4 * var(--u)); }
    .begin h2.longer, .break h2.longer, .exercise h2.longer { font-size: calc(3.3 * var(--u)); }

    .slide .terms { display: grid; grid-template-columns: calc(30 * var(--u)) 1fr; gap: calc(1.6 * var(--u)) calc(2.4 * var(--u)); margin-top: calc(2.4 * var(--u)); font-size: calc(2.8 * var(--u)); overflow-wrap: break-word; }
    .terms dt { font-weight: bold; color: var(--accent); }
    .terms dt, .terms dd { padding-top: calc(1.2 * var(--u)); border-top: calc(.15 * var(--u)) solid #8a8a8a; }
    .slide .terms.stacked { grid-template-columns: 1fr; row-gap: calc(.6 * var(--u)); }
    .terms.stacked dd { padding-top: 0; border-top: 0; }
    .slide .terms.large { font-size: calc(3.4 * var(--u)); }
    .slide .terms.long { font-size: calc(2.4 * var(--u)); }
    .slide .terms.tiles { grid-template-columns: 1fr 1fr; gap: calc(1.6 * var(--u)) calc(2.4 * var(--u)); }
    .slide .terms.t24 { font-size: calc(2.4 * var(--u)); }
    .slide .terms.t22 { font-size: calc(2.2 * var(--u)); }
    .slide .terms.t20 { font-size: calc(2 * var(--u)); }
    .slide .terms.t18 { font-size: calc(1.8 * var(--u)); }
    .terms.tiles div { padding-top: calc(1 * var(--u)); border-top: calc(.15 * var(--u)) solid #8a8a8a; }
    .terms.tiles dt, .terms.tiles dd { padding-top: 0; border-top: 0; }
    .terms.tiles dt { margin-bottom: calc(.4 * var(--u)); }

    .slide .commitments { margin-top: calc(2 * var(--u)); }
    .commitments dt { font-size: calc(2.6 * var(--u)); font-weight: bold; color: var(--accent); margin-top: calc(1.6 * var(--u)); }
    .commitments dd { font-size: calc(3.2 * var(--u)); }
    .commitments.long dd { font-size: calc(2.6 * var(--u)); }
    .commitments.longer dd { font-size: calc(2.2 * var(--u)); }
    .reference h2.long { font-size: calc(3.4 * var(--u)); }
    .next-steps .questions { font-size: calc(3.8 * var(--u)); margin-top: calc(2 * var(--u)); padding-left: calc(5.5 * var(--u)); }
    .next-steps .questions li { margin: calc(1.4 * var(--u)) 0; }
    .next-steps .questions li.own-number { list-style: none; }
    .groups .groups { font-size: calc(3.2 * var(--u)); margin-top: calc(2 * var(--u)); padding-left: calc(5.5 * var(--u)); }
    .groups .groups li { margin: calc(1.2 * var(--u)) 0; }

    .closing { align-items: center; text-align: center; }
    .closing h2 { font-size: calc(6.5 * var(--u)); }
    .clock { position: absolute; top: calc(1.4 * var(--u)); right: calc(2 * var(--u)); margin: 0; font-size: calc(2.2 * var(--u)); font-variant-numeric: tabular-nums; color: #333; }

    @media screen {
      html.deck { --u: min(1vw, 1.7778vh); }
      html.deck, html.deck body { height: 100%; overflow: hidden; background: #000; }
      html.deck body { padding: 0; }
      html.deck main { display: flex; align-items: center; justify-content: center; height: 100%; }
      html.deck .slide { display: none; margin: 0; outline: 0; }
      html.deck .slide.current { display: flex; }
    }
    @media print {
      :root { --u: 2.54mm; }
      html, body { background: #fff; }
      body { padding: 0; }
      .slide { margin: 0; outline: 0; break-after: page; page-break-after: always; break-inside: avoid; }
      .slide:last-child { break-after: auto; page-break-after: auto; }
      .clock { display: none; }
    }
    """

  /// The CDATA section's content: the script on a line of its own, then the `//` that
  /// comments out the section's end for a browser reading the file as HTML. Put together
  /// once per process, not per deck.
  static let section = "\n" + script + "//"

  /// Kept as written in a CDATA section (`XHTMLElement.cdata`); it defines no globals.
  static let script = #"""
    (function () {
      "use strict";
      var root = document.documentElement;
      var slides = document.querySelectorAll("section.slide");
      var count = slides.length;
      if (count === 0) { return; }
      var separator = document.body.getAttribute("data-clock-separator") || ":";
      var clock = document.createElementNS("http://www.w3.org/1999/xhtml", "p");
      clock.className = "clock";
      clock.setAttribute("aria-hidden", "true");
      var current = -1;
      var timer = null;
      // Each slide's countdown, by slide number, for this tab: it survives a reload.
      var store = "workshopkit-countdowns:" + location.pathname;
      var kept = {};
      try { kept = JSON.parse(window.sessionStorage.getItem(store) || "{}") || {}; } catch (error) { kept = {}; }
      function save() {
        try { window.sessionStorage.setItem(store, JSON.stringify(kept)); } catch (error) {}
      }
      function keep() {
        if (!timer) { return; }
        kept[current] = {
          planned: timer.planned, total: timer.total, started: timer.started, paused: timer.paused, left: timer.left
        };
        save();
      }
      // How long a countdown started by showing its slide must show, untouched, to be kept.
      var glance = 10000;

      function pad(number) { return (number < 10 ? "0" : "") + number; }
      function showClock() {
        var now = new Date();
        clock.textContent = pad(now.getHours()) + separator + pad(now.getMinutes());
      }
      function format(milliseconds) {
        var seconds = Math.ceil(milliseconds / 1000);
        return Math.floor(seconds / 60) + ":" + pad(seconds % 60);
      }

      // The countdown of the slide shown: its total (the slide's minutes, give or take what
      // + and - changed), when it (re)started, what is left when paused; below 0 once it
      // has run out.
      function left() {
        if (timer.paused) { return timer.left; }
        return timer.total - (Date.now() - timer.started);
      }
      function showTimer() {
        if (!timer) { return; }
        var rest = left();
        var share = rest / timer.total;
        var face = timer.face;
        face.textContent = rest < 0 ? "+" + format(1000 * Math.floor(-rest / 1000)) : format(rest);
        if (timer.until) {
          var end = new Date(timer.paused ? Date.now() + timer.left : timer.started + timer.total);
          timer.until.textContent = pad(end.getHours()) + separator + pad(end.getMinutes());
        }
        face.classList.toggle("over", rest < 0);
        face.classList.toggle("red", share <= 0.05);
        face.classList.toggle("amber", share <= 0.2 && share > 0.05);
        face.classList.toggle("paused", timer.paused);
        if (timer.minutes) { timer.minutes.textContent = Math.round(timer.total / 60000) + " min"; }
      }
      function startTimer(slide) {
        var minutes = Number(slide.getAttribute("data-minutes"));
        var face = slide.querySelector(".timer");
        if (!(minutes > 0 && face)) { timer = null; return; }
        var planned = minutes * 60000;
        var before = kept[current];
        // Going on, paused, or run out by less than its own length: it carries on.
        // (A countdown kept before + and - existed has no `planned`: its total was the slide's.)
        if (before && (before.planned || before.total) === planned && before.total > 0
          && (before.paused || Date.now() - before.started < 2 * before.total)) {
          timer = {
            face: face, planned: planned, total: before.total, started: before.started, paused: before.paused,
            left: before.left
          };
        } else {
          timer = { face: face, planned: planned, total: planned, started: Date.now(), paused: false, left: 0 };
          timer.fresh = true;
        }
        timer.until = slide.querySelector(".back-at .until");
        timer.minutes = slide.querySelector(".facts .planned");
        keep();
        showTimer();
      }
      function stopTimer() {
        if (!timer) { return; }
        if (timer.fresh && Date.now() - timer.started < glance) {
          delete kept[current];
          save();
        }
        timer.face.textContent = format(timer.planned);
        timer.face.classList.remove("amber", "red", "paused", "over");
        if (timer.minutes) { timer.minutes.textContent = Math.round(timer.planned / 60000) + " min"; }
        timer = null;
      }
      function restartTimer() {
        if (!timer) { return; }
        timer.fresh = false;
        timer.started = Date.now();
        timer.paused = false;
        keep();
        showTimer();
      }
      function pauseTimer() {
        if (!timer) { return; }
        timer.fresh = false;
        if (timer.paused) {
          timer.started = Date.now() - (timer.total - timer.left);
          timer.paused = false;
        } else {
          timer.left = left();
          timer.paused = true;
        }
        keep();
        showTimer();
      }

      // + and - give the countdown a minute more or less, as when the day runs late and a
      // step is shortened: never less than a minute in all.
      function changeTimer(minutes) {
        if (!timer) { return; }
        timer.fresh = false;
        var change = Math.max(60000, timer.total + minutes * 60000) - timer.total;
        timer.total += change;
        if (timer.paused) { timer.left += change; }
        keep();
        showTimer();
      }

      function fromAddress() {
        var match = /^#s?(\d+)$/.exec(location.hash);
        return match ? parseInt(match[1], 10) - 1 : 0;
      }
      function show(index) {
        index = Math.max(0, Math.min(count - 1, index));
        if (index === current) { return; }
        if (current >= 0) { slides[current].classList.remove("current"); }
        stopTimer();
        current = index;
        var slide = slides[current];
        slide.classList.add("current");
        slide.appendChild(clock);
        startTimer(slide);
        var address = "#" + (current + 1);
        if (location.hash !== address) {
          try {
            history.replaceState(null, "", address);
          } catch (error) {
            location.replace(address);
          }
        }
      }
      function toggleFullScreen() {
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else if (root.requestFullscreen) {
          var request = root.requestFullscreen();
          if (request) { request.catch(function () {}); }
        }
      }

      document.addEventListener("keydown", function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey) { return; }
        switch (event.key) {
          case "ArrowRight": case "ArrowDown": case "PageDown": case "Enter": show(current + 1); break;
          case "ArrowLeft": case "ArrowUp": case "PageUp": show(current - 1); break;
          case " ": case "Spacebar": show(current + (event.shiftKey ? -1 : 1)); break;
          case "Home": show(0); break;
          case "End": show(count - 1); break;
          case "f": case "F": toggleFullScreen(); break;
          case "t": case "T": restartTimer(); break;
          case "p": case "P": pauseTimer(); break;
          case "+": case "=": changeTimer(1); break;
          case "-": changeTimer(-1); break;
          default: return;
        }
        event.preventDefault();
      });
      document.addEventListener("click", function (event) {
        if (event.button !== 0 || (event.target.closest && event.target.closest("a"))) { return; }
        show(current + 1);
      });
      window.addEventListener("hashchange", function () { show(fromAddress()); });

      root.classList.add("deck");
      show(fromAddress());
      showClock();
      setInterval(function () { showClock(); showTimer(); }, 250);
    })();

    """#
}
