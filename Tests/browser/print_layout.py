"""The kit as printed: every handout, run sheet, follow-up form and tracker under an output
folder is printed to PDF with Chromium, as a facilitator would, and each page's text is
read back with poppler's pdftotext. A page must not end with a heading (an exercise title,
a card group's title, a day heading, a worksheet's number), every page must hold more than
its running title and page number, each follow-up form must print on one page of its
own, as it is handed to one pair, and a worksheet the builder fitted to one page (`one-page`)
must print on one: its last question on the page of its number. Each document but the
follow-up forms shows its title on its first page, and a document of several pages fills at
least half of its first (the handout's cover and the forms aside).

    python3 Tests/browser/print_layout.py --output output
"""

import argparse
import html
import html.parser
import os
import re
import subprocess
import sys
import tempfile

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DOCUMENTS = ("handout.xhtml", "facilitator.xhtml", "followup.xhtml", "tracker.xhtml", "attendance.xhtml",
             "cards.xhtml", "evaluation.xhtml", "course.xhtml")
FOOTER = re.compile(r"^(Side|Page) \d+ / \d+$")
FORM = re.compile(r'<div class="(?:page )?form"')
TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


class OnePageSheets(html.parser.HTMLParser):
    """Each worksheet marked `one-page`: the text of its number and of its last question."""

    def __init__(self):
        super().__init__()
        self.sheets = []
        self.depth = 0
        self.inside = None
        self.capture = None

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        self.depth += 1
        if tag == "section" and "one-page" in classes:
            self.inside = self.depth
            self.sheets.append(["", ""])
        elif self.inside and "sheet-number" in classes:
            self.capture = 0
        elif self.inside and tag == "span" and self.capture == 1:
            self.capture = None
        elif self.inside and tag == "li" and "question" in classes:
            self.sheets[-1][1] = ""
            self.capture = 1

    def handle_endtag(self, tag):
        if self.inside == self.depth:
            self.inside = None
        # The number is a paragraph; a question's text ends where its minutes begin.
        if (self.capture == 0 and tag == "p") or (self.capture == 1 and tag in ("span", "li")):
            self.capture = None
        self.depth -= 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_data(self, data):
        if self.capture is not None and self.inside:
            self.sheets[-1][self.capture] += data


def squeeze(text):
    return "".join(text.split())


class Headings(html.parser.HTMLParser):
    """The text of every element that must stay with what follows it."""

    TAGS = {"h1", "h2", "h3", "h4", "legend"}
    CLASSES = {"sheet-number", "term"}

    def __init__(self):
        super().__init__()
        self.stack = []
        self.found = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        keep = tag in self.TAGS or bool(classes & self.CLASSES)
        self.stack.append((tag, keep, []))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        while self.stack:
            name, keep, text = self.stack.pop()
            joined = " ".join("".join(text).split())
            if keep and joined:
                self.found.append(joined)
            if self.stack:
                self.stack[-1][2].append("".join(text))
            if name == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)


def headings(path):
    parser = Headings()
    with open(path, encoding="utf-8") as handle:
        parser.feed(handle.read())
    return parser.found


def pages(pdf):
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout).group(1))
    for number in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", pdf, "-"],
                              capture_output=True, text=True, check=True).stdout
        yield number, [" ".join(line.split()) for line in text.splitlines() if line.strip()]


WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', re.S)


def first_page_filled(pdf):
    """How far down the first page its text reaches, as a share of the page's height, the
    page number at its foot left out."""
    text = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    page = PAGE.search(text)
    if not page:
        return 1.0
    height = float(page.group(1))
    words = [(float(top), float(bottom), word) for top, bottom, word in WORD.findall(page.group(2))]
    footer = max((top for top, _, word in words if word in ("Side", "Page")), default=height)
    return max((bottom for top, bottom, _ in words if top < footer - 1), default=0) / height


def check(path, scratch):
    pdf = os.path.join(scratch, "page.pdf")
    if os.path.exists(pdf):
        os.remove(pdf)
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", "file://" + os.path.abspath(path)],
                   capture_output=True, timeout=120)
    if not os.path.getsize(pdf) if os.path.exists(pdf) else True:
        return [f"{path}: Chromium printed nothing"]
    titles = headings(path)
    problems = []
    printed = 0
    texts = {}
    for number, lines in pages(pdf):
        printed = number
        texts[number] = squeeze(" ".join(lines))
        body = [line for line in lines if not FOOTER.match(line)]
        # The first line of a page after the first is the running title.
        content = body[1:] if number > 1 else body
        if not content:
            problems.append(f"{path}: page {number} holds nothing but its running title")
            continue
        # The page's last lines, joined, end with a whole heading (one wrapped over up to
        # three lines included); a table cell that wraps the same words between other
        # columns' text does not.
        tails = [" ".join(content[-count:]) for count in range(1, min(3, len(content)) + 1)]
        for title in titles:
            if len(title) >= 3 and any(tail == title or tail.endswith(" " + title) for tail in tails):
                problems.append(f"{path}: page {number} ends with the heading \"{title}\"")
                break
    # What starts a document goes on its first page (a table or a card too big for what is
    # left of it may break between rows, or be made to fit), rather than leave it as good
    # as empty: the handout's cover and the one-page forms are empty by design.
    if printed > 1 and os.path.basename(path) not in ("handout.xhtml", "followup.xhtml"):
        filled = first_page_filled(pdf)
        if filled < 0.5:
            problems.append(f"{path}: page 1 is filled only to {filled:.0%} of its height, and the document "
                            f"runs on to {printed} pages")
    # The document says what it is where it starts: its title on its first page (a follow-up
    # form instead heads each pair's page with their names).
    if os.path.basename(path) != "followup.xhtml":
        with open(path, encoding="utf-8") as handle:
            first = TITLE.search(handle.read())
        title = " ".join(html.unescape(re.sub(r"<[^>]+>", "", first.group(1))).split()) if first else ""
        if title and squeeze(title) not in texts.get(1, ""):
            problems.append(f"{path}: its title \"{title}\" is not on its first page")
    if os.path.basename(path) == "followup.xhtml":
        with open(path, encoding="utf-8") as handle:
            forms = len(FORM.findall(handle.read()))
        if forms and printed != forms:
            problems.append(f"{path}: {forms} forms printed on {printed} pages, not one page each")
    if os.path.basename(path) == "handout.xhtml":
        sheets = OnePageSheets()
        with open(path, encoding="utf-8") as handle:
            sheets.feed(handle.read())
        for number, question in sheets.sheets:
            # Where the number prints, the last question must too (its first 40 letters, as
            # a hyphenated line break may split later ones).
            mark, words = squeeze(number).upper(), squeeze(question)[:40]
            found = [page for page, text in texts.items() if mark in text.upper()]
            if not found or words not in texts[found[0]]:
                problems.append(f"{path}: {number.strip()} was fitted to one page but runs onto the next")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="output")
    arguments = parser.parse_args()
    paths = sorted(os.path.join(folder, name) for folder, _, files in os.walk(arguments.output)
                   for name in files if name in DOCUMENTS)
    if not paths:
        print(f"no kit documents under {arguments.output}", file=sys.stderr)
        return 1
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for path in paths:
            found = check(path, scratch)
            problems += found
            print(("FAIL " if found else "ok   ") + path)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(paths)} documents printed, {len(problems)} layout problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
