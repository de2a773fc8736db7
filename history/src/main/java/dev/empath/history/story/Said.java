package dev.empath.history.story;

import java.util.Map;

/** What one record said: a line for people and the same as fields for programs. */
record Said(String text, Map<String, Object> fields) {}
