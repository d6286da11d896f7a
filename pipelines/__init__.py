"""Scrapy item pipelines: thin adapters that call into qmcrawl, one stage per module."""
