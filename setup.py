"""Package layout the declarative configuration cannot express.

The repository keeps its data files in the top-level `resources/` folder (users and trainers edit them there),
but an installed program must not put a package named `resources` into site-packages. So the folder is shipped
as `desktop_app/resources` (found through `importlib`, see `desktop_app.core.datafile.resources_dir`). Data
folders and the Alembic scripts are listed as (namespace) packages so that every file in them is package data.
"""

from setuptools import find_namespace_packages, find_packages, setup

data_folders = ["desktop_app.resources", *(f"desktop_app.resources.{name}"
                                           for name in find_namespace_packages(where="resources"))]
setup(
    packages=[*find_packages(include=["desktop_app", "desktop_app.*", "db", "db.*"]),
              "db.migrations", "db.migrations.versions", *data_folders],
    package_dir={"desktop_app.resources": "resources"},
    package_data={name: ["*"] for name in [*data_folders, "db.migrations", "db.migrations.versions"]},
    exclude_package_data={"": ["__pycache__", "*.pyc"]},
)
