#!/bin/sh
# What the official nginx image does with /etc/nginx/templates/*.template (same directories, same
# variables to move them), but only ${IVR_*} is replaced: nginx's own $variables and the Lua block are
# left as written; ivr.conf.template becomes conf.d/ivr.conf. Then runs the command (nginx in the foreground).
set -eu
templates=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
out=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
names=$(env | sed -n 's/^\(IVR_[A-Z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')
for template in "$templates"/*.template; do
    [ -e "$template" ] || continue
    envsubst "$names" <"$template" >"$out/$(basename "$template" .template)"
done
exec "$@"
