#pragma once
// The map's geometry, apart from drawing: where the capitals and the corridor's nodes are (longitude
// and latitude), how they are projected into a rectangle, which corridor links exist, and a link's
// state in a given week (normal, inspected, closed, suspended) and its TEU flow.
//
// Projection: equirectangular about 52N (x scaled by cos 52 so Europe is not stretched), with the
// longitudes east of 40E compressed 6:1 so that Beijing and the Kazakh border fit beside Europe
// while Brest, Malaszewicze and the Baltic crossings stay far enough apart to read.
#include <string>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/model/state.hpp"

namespace leverage::viewer {

struct LonLat {
  double lon = 0, lat = 0;  // degrees east, degrees north
};

struct MapPoint {
  double x = 0, y = 0;
};

struct MapRect {
  double x = 0, y = 0, width = 0, height = 0;
};

struct Place {
  std::string id;     // an actor id for a capital, else a node name
  std::string label;  // as drawn
  LonLat at;
};

// The five capitals of the default scenario, by actor id (minsk, warsaw, brussels, beijing,
// moscow); an actor not in this table is listed beside the map instead.
const std::vector<Place>& capital_places();
const Place* capital_place(const std::string& actor_id);

class MapProjection {
 public:
  // The map's extent; the projection fits it into the rectangle keeping the aspect ratio.
  MapProjection(LonLat south_west = {2.0, 38.5}, LonLat north_east = {118.0, 58.5});
  MapPoint project(const LonLat& at, const MapRect& into) const;

 private:
  double x_of(double lon) const;  // unscaled, compressed east of 40E
  LonLat south_west_, north_east_;
};

// A corridor link: a trunk segment (crossing = -1), carrying all transit and bilateral TEU, or a
// segment of an EU border crossing (crossing = index into Scenario::transit.crossings).
struct CorridorLink {
  std::string label;  // e.g. "Brest - Malaszewicze"
  LonLat from, to;
  int crossing = -1;
};

// The corridor China - Kazakhstan - Russia - Belarus (Brest) - Poland (Malaszewicze) - EU, plus the
// Lithuanian and Latvian crossings, for the scenario's crossings (matched by id: malaszewicze,
// lithuania, latvia). A crossing with another id gets a short stub west of Brest.
std::vector<CorridorLink> corridor_links(const Scenario& scenario);

enum class LinkStatus { normal, inspected, closed, suspended };
const char* link_status_name(LinkStatus status);

// A link's state in a week: a transit suspension in force stops every EU crossing; otherwise a
// closed crossing is closed and one with inspection hours this week is inspected. Trunk links are
// always normal: no actor controls them, and China-Belarus bilateral cargo keeps running on them.
LinkStatus link_status(const WorldState& state, int crossing);
// TEU per week on the link: the crossing's flow, or transit plus bilateral flow on the trunk.
double link_teu(const WorldState& state, int crossing);
// Line width in pixels: 3 px for an empty link (wide enough to show its colour), growing with the
// square root of the flow up to `max_width` at `full_teu`.
double link_width(double teu, double full_teu, double max_width);

}  // namespace leverage::viewer
