#!/usr/bin/env bash
# make-excerpts.sh SEED_DIR: rebuilds the two text excerpts of this
# directory from the seed report texts (000_*.txt: North Lanarkshire's Chief
# Social Work Officer annual report 2023/24; 001_*.txt: South Lanarkshire's
# Social Work Resource Plan Quarter 2 progress report 2023/24). The excerpts
# are committed, since the tests cannot read the seeds; this script says
# exactly which lines they hold. Ranges are separated by a blank line.
set -euo pipefail
seeds=${1:?usage: make-excerpts.sh SEED_DIR}
here=$(cd "$(dirname "$0")" && pwd)

excerpt() {  # excerpt SEED OUT RANGE...
  local seed=$1 out=$2 first=1
  shift 2
  : >"$out"
  for range in "$@"; do
    [ "$first" -eq 1 ] || printf '\n' >>"$out"
    first=0
    sed -n "${range}p" "$seed" >>"$out"
  done
}

# North Lanarkshire: sections 2.3 to 2.3.3, 2.4 to 2.4.5, 2.6.3, 2.6.7 and
# 2.6.8 (start), 2.6.9, 3.1 and 3.2, 3.4, 3.5 to 3.5.3 (to the child
# protection table), 3.5.4 (start): every paragraph of the report with a
# percentage in it, and the tables they refer to.
excerpt "$(ls "$seeds"/000_*.txt)" "$here/nl-2023-24-excerpt.txt" \
  411,446 493,566 567,631 664,672 699,712 725,736 780,816 823,833 834,900 953,958

# South Lanarkshire: section 5 (Quarter 2 progress) to the end of 5.4.
excerpt "$(ls "$seeds"/001_*.txt)" "$here/sl-2023-24-q2-excerpt.txt" 36,122
