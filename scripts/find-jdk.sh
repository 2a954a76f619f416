#!/bin/sh
# Prints the home of a JDK 25: JAVA_HOME if it is one, else the first one under /usr/lib/jvm. Exits 1 if none.
is_jdk25() { [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | head -n 1 | grep -q '"25[."]'; }
if [ -n "${JAVA_HOME:-}" ] && is_jdk25 "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
for dir in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -d "$dir" ] && is_jdk25 "$dir"; then echo "$dir"; exit 0; fi
done
exit 1
