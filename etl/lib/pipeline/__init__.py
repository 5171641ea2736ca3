"""From files to parsed documents: intake (kind detection at the very bottom), the parse
stage, the parse cache and the joining of documents into films. Imports from the layers below.
"""
