"""GetFunction's Code.Location downloads the exact package a function version was created or updated with."""

import base64
import hashlib
import urllib.error
import urllib.request

import pytest

from aws_fixtures import create_function, role_arn, zip_package  # noqa: F401  (fixture)
from fake_function_host import unique


def download(url):
    with urllib.request.urlopen(url) as response:
        assert response.headers["Content-Type"] == "application/zip"
        return response.read()


def download_status(url):
    try:
        urllib.request.urlopen(url).read()
        return 200
    except urllib.error.HTTPError as error:
        return error.code


def sha256_b64(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


@pytest.fixture
def lam(client):
    return client("lambda")


def test_the_location_of_a_zip_upload_downloads_the_same_bytes(endpoint, client, lam, role_arn):
    package = zip_package({"io/lmi/Handler.class": b"\xca\xfe\xba\xbe" + unique("code").encode()})
    name = create_function(client("lambda"), role_arn, Code={"ZipFile": package})["FunctionName"]

    code = lam.get_function(FunctionName=name)["Code"]

    assert code["RepositoryType"] == "S3"
    assert code["Location"].startswith(endpoint + "/_lmi/code/")
    downloaded = download(code["Location"])
    assert downloaded == package
    assert lam.get_function(FunctionName=name)["Configuration"]["CodeSha256"] == sha256_b64(downloaded)


def test_the_location_of_s3_code_downloads_the_s3_object(client, lam, role_arn):
    s3 = client("s3")
    bucket = unique("lmi-artifacts")
    s3.create_bucket(Bucket=bucket)
    package = zip_package()
    s3.put_object(Bucket=bucket, Key="functions/orders.zip", Body=package)
    name = create_function(client("lambda"), role_arn, Code={"S3Bucket": bucket, "S3Key": "functions/orders.zip"})[
        "FunctionName"]
    assert download(lam.get_function(FunctionName=name)["Code"]["Location"]) == package


def test_versions_keep_their_package_and_latest_follows_updates(client, lam, role_arn):
    first, second = zip_package(), zip_package()
    name = create_function(client("lambda"), role_arn, Code={"ZipFile": first})["FunctionName"]
    version = lam.publish_version(FunctionName=name)["Version"]
    old_latest = lam.get_function(FunctionName=name)["Code"]["Location"]

    lam.update_function_code(FunctionName=name, ZipFile=second)

    assert download(lam.get_function(FunctionName=name)["Code"]["Location"]) == second
    assert download(lam.get_function(FunctionName=name, Qualifier=version)["Code"]["Location"]) == first
    assert download_status(old_latest) == 404
    assert download(lam.get_function(FunctionName=f"{name}:{version}")["Code"]["Location"]) == first


def test_an_image_function_keeps_its_image_uri(client, lam, role_arn):
    uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/lmi/orders:1"
    name = unique("image-fn")
    lam.create_function(FunctionName=name, Role=role_arn, PackageType="Image", Code={"ImageUri": uri})
    code = lam.get_function(FunctionName=name)["Code"]
    assert code["RepositoryType"] == "ECR"
    assert code["ImageUri"] == uri
    assert "Location" not in code


def test_unknown_code_urls_are_404(endpoint):
    assert download_status(endpoint + "/_lmi/code/123456789012/us-east-1/nope/$LATEST/" + "0" * 64) == 404
    assert download_status(endpoint + "/_lmi/code/garbage") == 404
