# Shared by scripts/sop and scripts/test: install the system packages the build needs, once.
need_packages() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]} ..." >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

need_swift() {
  command -v swift >/dev/null 2>&1 && return 0
  echo "error: the Swift toolchain (6.1 or later) is not on PATH (install it from swift.org, then re-run)" >&2
  exit 1
}
