"""The fault suite: runs the campaigns (all, or those named), prints a summary table and exits
non-zero if any check failed. `SEED=n` repeats a run's random choices. Run it through
scripts/fault-suite, which builds the programs first."""

import argparse
import importlib
import os
import signal
import sys
import time

from .support import Campaign, Suite

# In the order they run; each is the module of that name, with a `run(suite, campaign)`.
CAMPAIGNS = ("kills", "abuse", "fuzz", "fulldisk", "hostile")


def main():
    parser = argparse.ArgumentParser(prog="scripts/fault-suite", description=__doc__)
    parser.add_argument("--binaries", required=True, help="folder of the built modsearch programs")
    parser.add_argument("campaigns", nargs="*", metavar="CAMPAIGN",
                        help=f"campaigns to run (default: all): {', '.join(CAMPAIGNS)}")
    options = parser.parse_args()
    unknown = [name for name in options.campaigns if name not in CAMPAIGNS]
    if unknown:
        parser.error(f"no campaign {', '.join(unknown)}; there are {', '.join(CAMPAIGNS)}")
    seed = int(os.environ["SEED"]) if os.environ.get("SEED") else int.from_bytes(os.urandom(4), "big")
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    # A stop signal unwinds like an error, so the `finally` below still cleans up.
    for stop in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(stop, lambda number, _: sys.exit(128 + number))

    suite = Suite(os.path.abspath(options.binaries), repository, seed)
    print(f"fault-suite: SEED={seed}, programs from {suite.binaries}, work in {suite.root}", flush=True)
    started = time.monotonic()
    results = []
    try:
        for name in options.campaigns or list(CAMPAIGNS):
            campaign = Campaign(name, seed)
            results.append(campaign)
            print(f"fault-suite: {name}…", flush=True)
            began = time.monotonic()
            try:
                importlib.import_module(f".{name}", __package__).run(suite, campaign)
            except Exception as error:  # a campaign that breaks is a failure, and the others still run
                campaign.check(False, f"the campaign stopped: {type(error).__name__}: {error}")
            campaign.seconds = time.monotonic() - began
    finally:
        suite.close()
    print_summary(results, seed, time.monotonic() - started)
    return 1 if any(campaign.failures for campaign in results) else 0


def print_summary(results, seed, seconds):
    print(f"\nfault-suite summary (SEED={seed}, {seconds:.0f} s)\n")
    print("| campaign | tried | figures | time | result |")
    print("|---|---|---|---|---|")
    for campaign in results:
        figures = campaign.skipped and f"skipped: {campaign.skipped}" or campaign.figures
        print(f"| {campaign.name} | {campaign.tried} | {figures} | {campaign.seconds:.0f} s | {campaign.verdict} |")
    failed = [campaign for campaign in results if campaign.failures]
    for campaign in failed:
        for failure in campaign.failures:
            print(f"FAIL {campaign.name}: {failure}")
    if failed:
        print(f"\nfault-suite: FAILED; repeat with SEED={seed} scripts/fault-suite "
              + " ".join(campaign.name for campaign in failed))
    else:
        print("\nfault-suite: every check passed")


if __name__ == "__main__":
    sys.exit(main())
