"""The phone adapter: Twilio Programmable Voice webhooks answered with TwiML, SMS follow-ups."""
