"""The site plan as a plain docs tree for Zensical, Material's successor (`rutin render`):
a second generator, one folder beside adapters/mkdocs_material/."""
