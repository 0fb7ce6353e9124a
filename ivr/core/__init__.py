"""The core: the catalogue, opening hours, routing and the dialog state machine.

Nothing here knows Flask, Twilio, audio, storage or a particular language; the dialog is given its
language (what the caller meant, what to say) as a parameter.
"""
