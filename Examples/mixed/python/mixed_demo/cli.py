"""The `mixed-demo-top` console script: the top words of its arguments, or of stdin."""

import sys

from . import summarize


def main() -> int:
    text = " ".join(sys.argv[1:]) if len(sys.argv) > 1 else sys.stdin.read()
    print(summarize(text))
    return 0
