#!/usr/bin/env bash
# Installs the freshly built pkg/ into www/ as an app would (npm install of the package; www/.npmrc's
# install-links copies it rather than linking). The old copy goes first so that a rebuild shows.
set -euo pipefail
cd "$(dirname "$0")/../www"
rm -rf node_modules/clerk-membership
npm install --silent
