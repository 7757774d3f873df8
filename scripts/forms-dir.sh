# Sourced by demo.sh and test.sh: find the blank government forms, or stop with one clear line.
if [ -z "${DOCGEN_FORMS_DIR:-}" ]; then
  DOCGEN_FORMS_DIR="$(cd .. && pwd)/shared/forms"
fi
if ! ls "$DOCGEN_FORMS_DIR"/i-765.pdf >/dev/null 2>&1; then
  echo "docgen: the blank forms are not in $DOCGEN_FORMS_DIR; put the shared/forms folder beside this checkout," \
       "or set DOCGEN_FORMS_DIR=/path/to/forms (the folder with i-765.pdf)" >&2
  exit 2
fi
export DOCGEN_FORMS_DIR
