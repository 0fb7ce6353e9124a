"""The local voice adapter: Vosk recognition in, pyttsx3 speech out, model management."""
