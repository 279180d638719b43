"""Points in the diff: distance, compass direction, and the two pasted-coordinate mistakes (GCJ-02, swapped)."""

from __future__ import annotations

import pytest

from profiles.facts.geo import wgs84_to_gcj02
from profiles.outputs.diff import places

PAZHOU = (113.37, 23.1)


def test_a_point_5_km_west_is_5_km_away_due_west():
    west = (113.321, 23.1)
    assert places.distance_m(PAZHOU, west) == pytest.approx(5012, abs=5)
    assert places.compass(places.bearing_deg(PAZHOU, west)) == "西"


@pytest.mark.parametrize("bearing, word", [(0, "北"), (44, "东北"), (90, "东"), (180, "南"), (269, "西"), (338, "北")])
def test_bearings_read_as_eight_compass_points(bearing, word):
    assert places.compass(bearing) == word


def test_the_gcj02_twin_of_a_point_is_recognised_as_written_by_amap_with_six_decimals():
    lon, lat = wgs84_to_gcj02(*PAZHOU)
    assert places.is_gcj_twin(PAZHOU, (round(lon, 6), round(lat, 6)))
    assert places.is_gcj_twin(PAZHOU, (round(lon, 3), round(lat, 3))), "3 decimals: within its own rounding"


def test_an_ordinary_move_of_the_same_size_is_not_a_gcj02_twin():
    assert not places.is_gcj_twin(PAZHOU, (113.3755, 23.1025))  # ~630 m, but north-east
    assert not places.is_gcj_twin(PAZHOU, (113.375, 23.1)), "1 decimal in latitude proves nothing"
    assert not places.is_gcj_twin(PAZHOU, PAZHOU)


def test_swapped_coordinates_are_told_from_real_ones():
    assert places.looks_swapped((23.1, 113.37)) and not places.looks_swapped(PAZHOU)
    assert places.is_swap_of(PAZHOU, (23.1, 113.37))
