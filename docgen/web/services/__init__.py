"""Glue between the pages and the library: every page calls these, and these call docgen.

Views stay thin (read the request, call a service, render); what a case is,
how a form is filled or a packet built stays in the library.
"""
