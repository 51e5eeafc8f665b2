#!/usr/bin/env bash
# Extract every message from the code into components/text/locales/messages.pot and update
# each language's catalog from it (new messages empty, changed ones marked fuzzy), with
# Babel's pybabel. Then translate what is empty or fuzzy in each messages.po; the app compiles
# the catalogs itself when it starts. A new language: scripts/update_catalogs.sh --init fr
set -euo pipefail
cd "$(dirname "$0")/.."
locales=components/text/locales
pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -k n_:1,2 -k Nn_:1,2 -k p_:1c,2 \
    --sort-by-file --no-wrap --project footprint-map --version 1 \
    --msgid-bugs-address "footprint-map maintainers" --omit-header -o "$locales/messages.pot" .
if [ "${1:-}" = "--init" ]; then
    pybabel init -i "$locales/messages.pot" -d "$locales" -l "$2" --no-wrap
fi
pybabel update -i "$locales/messages.pot" -d "$locales" --no-wrap --ignore-obsolete \
    --ignore-pot-creation-date
