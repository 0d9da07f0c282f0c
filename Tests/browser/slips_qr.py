"""The link slips as printed: every participant's slip carries a QR code that a phone's
camera reads as their personal link. The slips of the 18 April meeting are written with
`workshopkit links --slips` in a scratch copy of the samples, printed to PDF with Chromium,
rendered at 200 dpi with pdftoppm and read with zbarimg; the links read must be exactly the
links `links` printed.

    python3 Tests/browser/slips_qr.py --bin .build/debug/workshopkit
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=".build/debug/workshopkit", help="the workshopkit binary")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.bin)
    with tempfile.TemporaryDirectory() as scratch:
        for folder in ("programs", "exercises"):
            shutil.copytree(folder, os.path.join(scratch, folder))
        issued = subprocess.run(
            [binary, "links", "programs/civilsamfundet/2013-04-18.yaml", "--db", "slips.sqlite",
             "--base-url", "https://kurs.example.org", "--slips", "slips.xhtml"],
            cwd=scratch, capture_output=True, text=True, check=True)
        expected = sorted(line.split("\t")[1] for line in issued.stdout.splitlines() if "\t" in line)
        pdf = os.path.join(scratch, "slips.pdf")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", "file://" + os.path.join(scratch, "slips.xhtml")],
                       capture_output=True, timeout=120)
        subprocess.run(["pdftoppm", "-r", "200", "-png", pdf, os.path.join(scratch, "page")], check=True)
        read = []
        for name in sorted(os.listdir(scratch)):
            if name.startswith("page") and name.endswith(".png"):
                result = subprocess.run(["zbarimg", "-q", "--raw", os.path.join(scratch, name)],
                                        capture_output=True, text=True)
                read += [line for line in result.stdout.splitlines() if line]
        read.sort()
    print(f"{len(expected)} links issued, {len(read)} QR codes read from the printed slips")
    if not expected or read != expected:
        missing = sorted(set(expected) - set(read))
        extra = sorted(set(read) - set(expected))
        print(f"not read: {missing}\nread but not issued: {extra}", file=sys.stderr)
        return 1
    print("every slip's QR code reads as its link")
    return 0


if __name__ == "__main__":
    sys.exit(main())
